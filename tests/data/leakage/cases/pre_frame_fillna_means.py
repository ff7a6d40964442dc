# %%
raw = pd.read_csv("sensors.csv")
X = raw.drop(columns=["failure"])
y = raw["failure"]
X = X.fillna(X.mean())
# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=42)
m = GradientBoostingClassifier(random_state=0).fit(X_train, y_train)
print("test f1", f1_score(y_test, m.predict(X_test)))
