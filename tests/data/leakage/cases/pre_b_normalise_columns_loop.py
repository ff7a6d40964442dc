# %%
df = pd.read_csv("boston.csv")
for c in df.columns.drop("MEDV"):
    df[c] = (df[c] - df[c].min()) / (df[c].max() - df[c].min())
# %%
X_train, X_test, y_train, y_test = train_test_split(df.drop("MEDV", axis=1), df.MEDV, random_state=2)
lm = LinearRegression()
lm.fit(X_train, y_train)
print(mean_squared_error(y_test, lm.predict(X_test)))
