# %%
df = pd.read_csv("iris.csv")
y = LabelEncoder().fit_transform(df["species"])
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
