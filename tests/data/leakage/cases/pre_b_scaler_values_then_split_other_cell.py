# %%
df = pd.read_csv("cancer.csv")
features = df.drop(["id", "diagnosis"], axis=1)
sc = StandardScaler()
scaled = sc.fit_transform(features.values)
# %%
x_tr, x_te, y_tr, y_te = train_test_split(scaled, df["diagnosis"], test_size=0.3, random_state=0)
svc = KNeighborsClassifier().fit(x_tr, y_tr)
print(accuracy_score(y_te, svc.predict(x_te)))
